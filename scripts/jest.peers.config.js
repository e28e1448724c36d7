// The jest configuration of package.json, with cdk8s and constructs mapped to the oldest versions
// the peer ranges accept (unpacked into .peers/ by scripts/test-peers.sh).
const path = require('path');
const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const peers = path.join(root, '.peers', 'node_modules');

module.exports = {
  ...pkg.jest,
  rootDir: root,
  collectCoverage: false,
  reporters: ['default'],
  moduleNameMapper: {
    '^cdk8s$': path.join(peers, 'cdk8s'),
    '^constructs$': path.join(peers, 'constructs'),
  },
};
