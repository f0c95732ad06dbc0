import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import { documentKind, isLocalDevelopmentFile, isTestFile, projectPath } from "../../config-lint/document-kind.ts";

const kinds = (text: string, filename: string) => parseForESLint(text).ast.body.map((document) => documentKind(document, filename));

describe("documentKind", () => {
  it("recognises Kubernetes objects by apiVersion and kind, wherever they are stored", () => {
    expect(kinds("apiVersion: apps/v1\nkind: Deployment\n", "anything.yaml")).toEqual(["kubernetes"]);
    expect(kinds("apiVersion: v1\nkind: ConfigMap\n---\nservices:\n  a: {image: x}\n", "config/app.yaml")).toEqual(["kubernetes", "compose"]);
    // A lower-case kind, or no apiVersion, is something else.
    expect(kinds("apiVersion: v1\nkind: pod\n", "x.yaml")).toEqual(["unknown"]);
    expect(kinds("kind: Deployment\n", "x.yaml")).toEqual(["unknown"]);
  });

  it("recognises Compose files by name, or by services with an image or a build", () => {
    expect(kinds("services:\n  api:\n    environment: {A: b}\n", "docker-compose.override.yml")).toEqual(["compose"]);
    expect(kinds("services:\n  api:\n    build: .\n", "deploy/stack.yaml")).toEqual(["compose"]);
    expect(kinds("services:\n  api:\n    port: 80\n", "deploy/stack.yaml")).toEqual(["unknown"]);
  });

  it("recognises GitHub Actions workflows by folder, or by on and jobs", () => {
    expect(kinds("on: push\njobs:\n  a: {runs-on: ubuntu-latest}\n", "ci/build.yml")).toEqual(["github-actions"]);
    expect(kinds("jobs:\n  a: {}\n", ".github/workflows/build.yml")).toEqual(["github-actions"]);
    expect(kinds("jobs:\n  a: {}\n", "ci/build.yml")).toEqual(["unknown"]);
  });

  it("takes YAML under config/ and Spring's application*.yml for application config, but not translations", () => {
    expect(kinds("database:\n  host: db\n", "config/production.yaml")).toEqual(["app-config"]);
    expect(kinds("server:\n  port: 80\n", "src/main/resources/application-prod.yml")).toEqual(["app-config"]);
    expect(kinds("en:\n  password: Password\n", "config/locales/en.yml")).toEqual(["unknown"]);
    expect(kinds("resources: [a.yaml]\n", "config/default/kustomization.yaml")).toEqual(["unknown"]);
  });
});

describe("development and test files", () => {
  it("are named for it or kept in test folders", () => {
    for (const file of ["compose.override.yaml", "docker-compose.dev.yml", "compose-test.yaml", "config/local.yaml", "config/development.yml", "application-dev.yml", "pkg/testdata/conf.yml", "test/e2e/app.yaml", "docker/development/compose.yml", "docker/testing/compose.yml", "deploy/local/app.yaml"]) {
      expect(isLocalDevelopmentFile(file), file).toBe(true);
    }
    for (const file of ["docker-compose.yml", "compose.prod.yaml", "config/production.yaml", "deploy/latest.yaml", "contest/app.yaml", "docker/production/compose.yml", "developers/compose.yml", "localization/app.yaml"]) {
      expect(isLocalDevelopmentFile(file), file).toBe(false);
    }
    expect(isTestFile("compose.test.yaml")).toBe(false);
    expect(isTestFile("tests/compose.yaml")).toBe(true);
  });

  it("are judged by the path inside the project, not by the folders above it", () => {
    expect(projectPath({ cwd: "/home/dev/test/shop", filename: "/home/dev/test/shop/deploy/app.yaml" })).toBe("deploy/app.yaml");
    expect(projectPath({ cwd: "/work/shop", filename: "/elsewhere/app.yaml" })).toBe("/elsewhere/app.yaml");
  });
});
