import type { Choice, ListFilters, SortKey } from '../../utils/popup/list-model';
import { pageMessage } from '../../utils/shared/page-messages';

export interface LibraryFiltersProps {
  sort: SortKey;
  searching: boolean;
  filters: ListFilters;
  sites: Choice[];
  tags: Choice[];
  onSort: (sort: SortKey) => void;
  onFilters: (filters: ListFilters) => void;
}

const SORTS: Array<[SortKey, Parameters<typeof pageMessage>[0]]> = [
  ['saved', 'popupSortSaved'],
  ['published', 'popupSortPublished'],
  ['title', 'popupSortTitle'],
];

export function LibraryFilters({ sort, searching, filters, sites, tags, onSort, onFilters }: LibraryFiltersProps) {
  const sorts: typeof SORTS = searching ? [['relevance', 'popupSortRelevance'], ...SORTS] : SORTS;
  return (
    <div class="filters">
      <label class="filter">
        <span class="visually-hidden">{pageMessage('popupSort')}</span>
        <select value={sort} onChange={(event) => onSort(event.currentTarget.value as SortKey)}>
          {sorts.map(([value, key]) => (
            <option key={value} value={value}>
              {pageMessage(key)}
            </option>
          ))}
        </select>
      </label>
      {sites.length > 1 && (
        <label class="filter">
          <span class="visually-hidden">{pageMessage('popupFilterSite')}</span>
          <select value={filters.site} onChange={(event) => onFilters({ ...filters, site: event.currentTarget.value })}>
            <option value="">{pageMessage('popupAllSites')}</option>
            {sites.map((site) => (
              <option key={site.value} value={site.value}>
                {site.value} ({site.count})
              </option>
            ))}
          </select>
        </label>
      )}
      {tags.length > 0 && (
        <label class="filter">
          <span class="visually-hidden">{pageMessage('popupFilterTag')}</span>
          <select value={filters.tag} onChange={(event) => onFilters({ ...filters, tag: event.currentTarget.value })}>
            <option value="">{pageMessage('popupAllTags')}</option>
            {tags.map((tag) => (
              <option key={tag.value} value={tag.value}>
                {tag.value} ({tag.count})
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="filter unread-filter">
        <input
          type="checkbox"
          checked={filters.unreadOnly}
          onChange={(event) => onFilters({ ...filters, unreadOnly: event.currentTarget.checked })}
        />
        {pageMessage('popupFilterUnread')}
      </label>
    </div>
  );
}
