// Parse a Mermaid diagram from stdin with mermaid's own parser (tests/offline/mermaid_parser.py
// runs it from the cached install); print its vertices, edges and subgraphs as JSON.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window; globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
const text = readFileSync(0, 'utf8');
try {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const vertices = [...db.getVertices().values()].map(v => ({ id: v.id, text: v.text }));
  const edges = db.getEdges().map(e => ({ start: e.start, end: e.end, text: e.text }));
  const subgraphs = db.getSubGraphs().map(s => ({ id: s.id, title: s.title, nodes: s.nodes }));
  console.log(JSON.stringify({ type: diagram.type, vertices, edges, subgraphs }));
} catch (error) {
  console.error(String(error && error.message || error));
  process.exit(1);
}
