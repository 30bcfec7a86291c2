/*
 * The CommonJS entry of backprop ("require" in package.json's exports). The library is ESM; Node loads
 * it for require() from 20.19 and 22.12 on. Older Node gets one line saying so instead of ERR_REQUIRE_ESM.
 * Keep the versions in step with src/node-support.ts (test/package-install.test.ts checks both).
 */
'use strict';
const [major, minor] = process.versions.node.split('.').map(Number);
if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22)) {
  const error = new Error(`backprop: require('backprop') needs Node 20.19 or 22.12 and later (this is Node ${process.version}); upgrade Node, or use import() from an ES module`);
  error.code = 'ERR_BACKPROP_NODE_VERSION';
  error.stack = error.message;
  throw error;
}
module.exports = require('./dist/index.js');
