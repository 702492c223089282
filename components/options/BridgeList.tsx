import { useState } from 'preact/hooks';
import { describeBridge } from '../../utils/bridge/config';
import type { Bridge, BridgeTestResult } from '../../utils/shared/bridge-types';
import { pageMessage } from '../../utils/shared/page-messages';

type TestState = { kind: 'testing' } | { kind: 'done'; result: BridgeTestResult };

interface Props {
  bridges: readonly Bridge[];
  /** The chosen bridge; the first one counts as chosen when none is (as the background reads it). */
  activeId?: string;
  /** Why the last choice or removal was not kept, in the user's language; '' when it was. */
  problem: string;
  onChoose(id: string): void;
  onRemove(id: string): void;
  onTest(id: string): Promise<BridgeTestResult>;
}

function testText(state: TestState): string {
  if (state.kind === 'testing') return pageMessage('optionsBridgeTesting');
  const { result } = state;
  return result.ok
    ? pageMessage('optionsBridgeTestOk', [String(Math.round(result.ms))])
    : pageMessage('optionsBridgeTestFailed', [result.error]);
}

/** One saved bridge: choose it, test it, remove it, and the last test's result. */
function BridgeRow(props: {
  bridge: Props['bridges'][number];
  chosen: boolean;
  state: TestState | undefined;
  onChoose(): void;
  onTest(): void;
  onRemove(): void;
}) {
  const { bridge, state } = props;
  const described = describeBridge(bridge);
  const failed = state?.kind === 'done' && !state.result.ok;
  return (
    <li>
      <label class="choice host" dir="auto">
        <input type="radio" name="active-bridge" value={bridge.id} checked={props.chosen} onChange={props.onChoose} />
        {described}
      </label>
      <button
        type="button"
        class="test"
        aria-label={pageMessage('optionsBridgeTestNamed', [described])}
        aria-busy={state?.kind === 'testing' ? 'true' : undefined}
        onClick={props.onTest}
      >
        {pageMessage('optionsBridgeTest')}
      </button>
      <button
        type="button"
        class="remove"
        aria-label={pageMessage('optionsBridgeRemove', [described])}
        title={pageMessage('optionsBridgeRemove', [described])}
        onClick={props.onRemove}
      >
        ×
      </button>
      <p class={`test-result ${failed ? 'error' : state?.kind === 'done' ? 'done' : ''}`} role="status">
        {state ? testText(state) : ''}
      </p>
    </li>
  );
}

/** The saved bridges as a radio list: which one is used, test it, remove it; each kept at once. */
export function BridgeList({ bridges, activeId, problem, onChoose, onRemove, onTest }: Props) {
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const chosen = activeId ?? bridges[0]?.id;

  const test = (id: string) => {
    setTests((all) => ({ ...all, [id]: { kind: 'testing' } }));
    onTest(id)
      // The background did not answer: say so in the user's language, not the browser's.
      .catch((): BridgeTestResult => ({ ok: false, error: pageMessage('bridgeStateNoAnswer') }))
      .then((result) => setTests((all) => ({ ...all, [id]: { kind: 'done', result } })));
  };

  return (
    <div class="bridge-list">
      <h3 id="bridge-list-heading">{pageMessage('optionsBridgeListHeading')}</h3>
      {bridges.length === 0 ? (
        <p class="empty">{pageMessage('optionsBridgeNone')}</p>
      ) : (
        <fieldset>
          <legend>{pageMessage('optionsBridgeActiveLegend')}</legend>
          <ul class="mirror-list">
            {bridges.map((bridge) => (
              <BridgeRow
                key={bridge.id}
                bridge={bridge}
                chosen={bridge.id === chosen}
                state={tests[bridge.id]}
                onChoose={() => onChoose(bridge.id)}
                onTest={() => test(bridge.id)}
                onRemove={() => onRemove(bridge.id)}
              />
            ))}
          </ul>
        </fieldset>
      )}
      <p class="status error" role="alert">
        {problem}
      </p>
    </div>
  );
}
