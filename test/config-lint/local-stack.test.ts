import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import { isDevelopmentProfileService, isLocalComposeStack } from "../../config-lint/local-stack.ts";
import { asMapping, getPath } from "../../config-lint/yaml-nodes.ts";

const root = (text: string) => asMapping(parseForESLint(text).ast.body[0]!.content)!;
const local = (services: string) => isLocalComposeStack(root(`services:\n${services}`));

describe("isLocalComposeStack", () => {
  it("takes one service built for development as enough", () => {
    expect(local("  api:\n    build: {context: ., target: development}\n")).toBe(true);
    expect(local("  api:\n    build: {context: ., target: dev-server}\n")).toBe(true);
    expect(local("  api:\n    build: .\n    command: npm run dev\n")).toBe(true);
    expect(local("  api:\n    build: .\n    entrypoint: nodemon --inspect=0.0.0.0 server.js\n")).toBe(true);
    expect(local("  api:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n")).toBe(true);
    expect(local('  api:\n    build: .\n    ports: ["127.0.0.1:9229:9229"]\n')).toBe(true);
    expect(local("  api:\n    build: .\n    ports: [{target: 5005, published: 5005}]\n")).toBe(true);
    expect(local("  api:\n    build: .\n    environment: [NODE_ENV=development]\n")).toBe(true);
    expect(local("  api:\n    build: {context: ., args: {RAILS_ENV: development}}\n")).toBe(true);
    expect(local("  api:\n    build: .\n    environment: {FLASK_DEBUG: 1}\n")).toBe(true);
    expect(local("  mail:\n    image: axllent/mailpit:v1.20\n  api:\n    build: .\n")).toBe(true);
    expect(local("  maildev:\n    build: {context: ., dockerfile: maildev.Dockerfile}\n  api:\n    build: .\n")).toBe(true);
    expect(local("  mailer:\n    image: ghcr.io/acme/mail-relay:2\n  api:\n    build: .\n")).toBe(false);
  });

  it("wants two hints together", () => {
    const debug = "    environment: [\"RUST_LOG=warn,app=debug\"]\n";
    const fromRepository = "    build: {context: ../, dockerfile: docker/Dockerfile}\n";
    const sourceMounted = "    build: ./api\n    volumes: [./api/src:/app/src]\n";
    const publicLocalhost = "    environment: {EXTERNAL_HOST: localhost:8541}\n";
    expect(local(`  api:\n${debug}`)).toBe(false);
    expect(local(`  api:\n${fromRepository}`)).toBe(false);
    expect(local(`  api:\n${sourceMounted}`)).toBe(false);
    expect(local(`  api:\n${publicLocalhost}    image: api:1\n`)).toBe(false);
    expect(local(`  api:\n${fromRepository}${debug}`)).toBe(true);
    expect(local(`  api:\n${sourceMounted}  ui:\n    image: ui:1\n${publicLocalhost}`)).toBe(true);
  });

  it("does not count a data folder, a config file or a built stage's mount as source", () => {
    expect(local("  api:\n    build: .\n    volumes: [./data:/var/lib/app, ./nginx.conf:/etc/nginx/nginx.conf]\n    environment: [LOG_LEVEL=debug]\n")).toBe(false);
    expect(local("  api:\n    build: {context: ., target: runtime}\n    command: node server.js\n")).toBe(false);
  });

  it("takes backing services alone, with ports published, as an app's local dependencies", () => {
    expect(local("  db:\n    image: mysql:8.4\n    ports: [3306:3306]\n  cache:\n    image: redis:7\n")).toBe(true);
    // Not published: the stack runs on its own network, as a deployment would.
    expect(local("  db:\n    image: postgres:16\n")).toBe(false);
    // An app beside them: a stack like any other.
    expect(local("  db:\n    image: postgres:16\n    ports: [5432:5432]\n  app:\n    image: ghcr.io/acme/app:1\n")).toBe(false);
  });

  it("is robust to odd shapes", () => {
    expect(isLocalComposeStack(root("services: []\n"))).toBe(false);
    expect(local("  api: null\n  web:\n    build: null\n    ports: [abc, {target: x}]\n    volumes: [{type: bind, source: ./src, target: /src}]\n")).toBe(false);
  });
});

describe("isDevelopmentProfileService", () => {
  it("knows a service only development or test profiles start", () => {
    const service = (profiles: string) => asMapping(getPath(root(`services:\n  a:\n    image: x\n    profiles: ${profiles}\n`), "services", "a"))!;
    expect(isDevelopmentProfileService(service("[dev]"))).toBe(true);
    expect(isDevelopmentProfileService(service("[debug, test]"))).toBe(true);
    expect(isDevelopmentProfileService(service("[dev, production]"))).toBe(false);
    expect(isDevelopmentProfileService(service("[]"))).toBe(false);
  });
});
