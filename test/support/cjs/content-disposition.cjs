// Jest's CommonJS loader cannot require an ES module, and content-disposition 3
// (required by @fastify/static, which Bull Board mounts) is ESM-only. Node itself
// loads it fine (require(esm), Node >= 20.19), so only Jest maps it here. Bull Board
// never sends downloads; this covers the one function @fastify/static calls.
'use strict';
function create(filename) {
  if (filename === undefined) return 'attachment';
  const ascii = String(filename).replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(String(filename))}`;
}
module.exports = { create };
