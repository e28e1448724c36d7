import { cdk8s, javascript } from "projen";
const project = new cdk8s.ConstructLibraryCdk8s({
  author: "cdk8s-guard maintainers",
  authorAddress: "maintainers@users.noreply.github.com",
  cdk8sVersion: "2.70.106",
  constructsVersion: "10.8.1",
  github: false,
  jsiiVersion: "~6.0.16",
  name: "cdk8s-guard",
  packageManager: javascript.NodePackageManager.NPM,
  packageName: "cdk8s-guard",
  projenrcTs: true,
  release: false,
  repositoryUrl: "https://github.com/cdk8s-guard/cdk8s-guard.git",
  typescriptVersion: "~6.0.0",
});
project.synth();