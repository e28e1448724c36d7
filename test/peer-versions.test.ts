import * as fs from 'fs';
import * as path from 'path';

/**
 * The versions of cdk8s and constructs the tests run against: the dev copies in `npm test`, the
 * oldest versions of the peer ranges in `scripts/test-peers.sh` (which sets PEER_*_VERSION).
 */
function loadedVersion(name: string): string {
  const main = require.resolve(name);
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

const devVersions = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).devDependencies;

test.each([
  ['cdk8s', process.env.PEER_CDK8S_VERSION],
  ['constructs', process.env.PEER_CONSTRUCTS_VERSION],
])('%s is the version this run is for', (name, peer) => {
  expect(loadedVersion(name)).toBe(peer ?? devVersions[name]);
});
