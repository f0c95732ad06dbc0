import fs from "node:fs";
import { describe, expect, it } from "vitest";
import rule, { floatingImage, parseImageReference } from "../../../config-lint/rules/no-latest-image.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";
import { temporaryProject } from "../../helpers/temporary-project.ts";

/** A project on disk, for the cases where a kustomization or Skaffold file elsewhere in the tree decides. */
const { write } = temporaryProject("latest-image");

const deployment = (image: string, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: ${image}
${extra}`;

// The overlay pins the base's untagged image; Skaffold builds the other one. Both live beside the base, not in it.
write("shop/package.json", "{}\n");
write("shop/deploy/overlays/prod/kustomization.yaml", "resources: [../../base]\nimages:\n  - name: ghcr.io/acme/api\n    newTag: 1.8.0\n  - name: ghcr.io/acme/admin\n    newTag: latest\n");
write("shop/skaffold.yaml", "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: acme/worker\n      context: worker\n");
const BASE = write("shop/deploy/base/api.yaml", deployment("ghcr.io/acme/api"));
const BASE_WORKER = write("shop/deploy/base/worker.yaml", deployment("acme/worker"));
const BASE_ADMIN = write("shop/deploy/base/admin.yaml", deployment("ghcr.io/acme/admin"));
const OTHER_PROJECT = write("billing/package.json", "{}\n");
const OTHER = write("billing/deploy/api.yaml", deployment("ghcr.io/acme/api"));
void OTHER_PROJECT;
// Outside the working directory and any project, only the file's own folder is looked through (never all of /tmp).
write("loose/app/kustomization.yaml", "resources: [api.yaml]\nimages:\n  - {name: acme/api, digest: 'sha256:2b7a7d1bb4c2c5f1b77d3f5e9f1a2f0b1c3d4e5f60718293a4b5c6d7e8f90a1b'}\n");
write("loose/overlay/kustomization.yaml", "resources: [../app]\nimages:\n  - {name: acme/web, newTag: '2.0'}\n");
const LOOSE_PINNED = write("loose/app/api.yaml", deployment("acme/api"));
const LOOSE_UNSEEN = write("loose/app/web.yaml", deployment("acme/web"));

const untagged = (image: string, line: number, column: number) => ({ messageId: "untaggedImage", data: { image }, line, column });
const latest = (image: string, line: number, column: number) => ({ messageId: "latestImage", data: { image }, line, column });

describe("image references", () => {
  it("split a registry port from a tag", () => {
    expect(parseImageReference("localhost:5000/api")).toEqual({ name: "localhost:5000/api", tag: undefined, digest: undefined });
    expect(parseImageReference("localhost:5000/api:2")).toEqual({ name: "localhost:5000/api", tag: "2", digest: undefined });
    expect(parseImageReference("redis:7@sha256:abc")).toEqual({ name: "redis", tag: "7", digest: "sha256:abc" });
  });

  it("float only without a tag or with latest, and never when filled in later", () => {
    expect(floatingImage("redis")).toBe("untagged");
    expect(floatingImage("docker.io/library/redis:latest")).toBe("latest");
    expect(floatingImage("redis:7.2")).toBeUndefined();
    expect(floatingImage("redis:latest-alpine")).toBeUndefined();
    expect(floatingImage("redis@sha256:0123")).toBeUndefined();
    expect(floatingImage("ghcr.io/acme/api:${TAG}")).toBeUndefined();
    expect(floatingImage("${IMAGE}")).toBeUndefined();
    expect(floatingImage("ko://github.com/acme/api/cmd/api")).toBeUndefined();
    // A bare name that is no Docker official image is built and loaded locally or replaced by a build tool.
    expect(floatingImage("cartservice")).toBeUndefined();
    expect(floatingImage("")).toBeUndefined();
  });
});

yamlRuleTester().run("no-latest-image", rule, {
  valid: [
    deployment("ghcr.io/acme/api:1.4.2"),
    deployment("ghcr.io/acme/api@sha256:2b7a7d1bb4c2c5f1b77d3f5e9f1a2f0b1c3d4e5f60718293a4b5c6d7e8f90a1b"),
    deployment("ghcr.io/acme/api:latest@sha256:2b7a7d1bb4c2c5f1b77d3f5e9f1a2f0b1c3d4e5f60718293a4b5c6d7e8f90a1b"),
    deployment('"ghcr.io/acme/api:${IMAGE_TAG}"'),
    deployment("$(API_IMAGE)"),
    deployment("cartservice"),
    // Loaded onto a kind or minikube node by hand: nothing is pulled.
    deployment("acme/api:latest", "          imagePullPolicy: Never"),
    // Compose builds the image it names; a development stack runs what the developer built.
    { filename: "compose.yaml", code: "services:\n  api:\n    build: .\n    image: acme/api\n" },
    { filename: "compose.yaml", code: "services:\n  api:\n    image: acme/api\n    pull_policy: build\n    build: {context: .}\n" },
    { filename: "docker-compose.dev.yml", code: "services:\n  db:\n    image: postgres\n" },
    // A local development stack known by what it runs (here a mail catcher), whatever the file is called.
    { filename: "docker-compose.yaml", code: "services:\n  adminer:\n    image: adminer\n    ports: ['8080:8080']\n  maildev:\n    image: maildev/maildev:2.1.0\n    ports: ['1080:1080']\n" },
    { filename: "local/compose.yaml", code: "services:\n  db:\n    image: postgres:latest\n" },
    { filename: "compose.yaml", code: "services:\n  db:\n    image: postgres:16.3\n  cache:\n    image: ${CACHE_IMAGE:-redis:7}\n" },
    { filename: "test/fixtures/deployment.yaml", code: deployment("acme/api") },
    // CI service containers are not deployed.
    { filename: ".github/workflows/ci.yml", code: "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: postgres\n" },
    // Not a workload: a ConfigMap that mentions an image.
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: images}\ndata:\n  image: redis\n",
    // Odd input: an image that is not a string, an alias to a pinned one, an empty document.
    deployment("{name: api}"),
    `apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {img: &img "redis:7"}}\nspec:\n  containers:\n    - name: a\n      image: *img\n`,
    "---\n---\n",
    { filename: BASE, code: fs.readFileSync(BASE, "utf8") },
    { filename: BASE_WORKER, code: fs.readFileSync(BASE_WORKER, "utf8") },
    { filename: LOOSE_PINNED, code: fs.readFileSync(LOOSE_PINNED, "utf8") },
  ],
  invalid: [
    { code: deployment("ghcr.io/acme/api"), errors: [untagged("ghcr.io/acme/api", 10, 18)] },
    { code: deployment("nginx"), errors: [untagged("nginx", 10, 18)] },
    { code: deployment("localhost:5000/api"), errors: [untagged("localhost:5000/api", 10, 18)] },
    { code: deployment('"acme/api:latest"'), errors: [latest("acme/api:latest", 10, 18)] },
    // imagePullPolicy IfNotPresent keeps whichever build each node pulled first: replicas still differ.
    { code: deployment("acme/api:latest", "          imagePullPolicy: IfNotPresent"), errors: [latest("acme/api:latest", 10, 18)] },
    {
      // Init containers of a CronJob's pods, and a Pod in a List.
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - {name: wait, image: busybox}
          containers:
            - name: report
              image: acme/report:2.0
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: debug}
    spec:
      containers: [{name: debug, image: "nicolaka/netshoot:latest"}]
`,
      errors: [untagged("busybox", 11, 35), latest("nicolaka/netshoot:latest", 23, 41)],
    },
    {
      filename: "docker-compose.yml",
      code: "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n  db:\n    image: postgres:latest\n  app:\n    build: .\n",
      errors: [untagged("nginx", 3, 12), latest("postgres:latest", 6, 12)],
    },
    {
      // Anchored services: reported where the image is written, once.
      filename: "docker-stack.yml",
      code: "x-base: &base\n  image: acme/api\nservices:\n  api: *base\n  worker: *base\n",
      errors: [untagged("acme/api", 2, 10)],
    },
    // The overlay pins `latest`, which pins nothing; and a kustomization of another project does not count.
    { filename: BASE_ADMIN, code: fs.readFileSync(BASE_ADMIN, "utf8"), errors: [untagged("ghcr.io/acme/admin", 10, 18)] },
    { filename: OTHER, code: fs.readFileSync(OTHER, "utf8"), errors: [untagged("ghcr.io/acme/api", 10, 18)] },
    { filename: LOOSE_UNSEEN, code: fs.readFileSync(LOOSE_UNSEEN, "utf8"), errors: [untagged("acme/web", 10, 18)] },
  ],
});
