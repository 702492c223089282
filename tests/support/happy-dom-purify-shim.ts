// happy-dom 21 breaks DOMPurify in two ways that real browsers do not:
// 1. Node.prototype.nodeName returns '' (subclasses override it), and DOMPurify reads the getter from
//    Node.prototype, so every node looks nameless.
// 2. Its NodeIterator stops when the current node is removed (no "pre-removing steps"), so DOMPurify
//    stops sanitising after the first element it drops.
// These spec-following replacements make DOMPurify behave as in a browser. Import before using it.

const specialNames: Record<number, string> = {
  3: '#text',
  4: '#cdata-section',
  8: '#comment',
  9: '#document',
  11: '#document-fragment',
};

Object.defineProperty(window.Node.prototype, 'nodeName', {
  configurable: true,
  get(this: Node): string {
    switch (this.nodeType) {
      case 1:
        return (this as Element).tagName;
      case 2:
        return (this as Attr).name;
      case 7:
        return (this as ProcessingInstruction).target;
      case 10:
        return (this as DocumentType).name;
      default:
        return specialNames[this.nodeType] ?? '';
    }
  },
});

function following(node: Node, root: Node): Node | null {
  if (node.firstChild) return node.firstChild;
  for (let n: Node | null = node; n && n !== root; n = n.parentNode) {
    if (n.nextSibling) return n.nextSibling;
  }
  return null;
}

function preceding(node: Node, root: Node): Node | null {
  if (node === root) return null;
  let prev = node.previousSibling;
  if (!prev) return node.parentNode;
  while (prev.lastChild) prev = prev.lastChild;
  return prev;
}

function accepts(node: Node, whatToShow: number): boolean {
  return (whatToShow & (1 << (node.nodeType - 1))) !== 0;
}

/** Forward-only NodeIterator that survives removal of the node it last returned, as DOMPurify needs. */
class SpecNodeIterator {
  private reference: Node | null = null;
  private before: Node | null = null;
  constructor(
    readonly root: Node,
    readonly whatToShow: number,
  ) {}
  nextNode(): Node | null {
    let start: Node | null;
    if (!this.reference) start = this.root;
    else if (this.root.contains(this.reference)) start = following(this.reference, this.root);
    else start = this.before ? following(this.before, this.root) : null;
    for (let n = start; n; n = following(n, this.root)) {
      if (accepts(n, this.whatToShow)) {
        this.reference = n;
        this.before = preceding(n, this.root);
        return n;
      }
    }
    return null;
  }
}

// happy-dom's per-window Document subclass does not own the method; patch the prototype that does.
let owner: object | null = document;
while (owner && !Object.hasOwn(owner, 'createNodeIterator')) owner = Object.getPrototypeOf(owner);
if (owner) {
  Object.defineProperty(owner, 'createNodeIterator', {
    configurable: true,
    writable: true,
    value: (root: Node, whatToShow = 0xffffffff): NodeIterator =>
      new SpecNodeIterator(root, whatToShow) as unknown as NodeIterator,
  });
}
