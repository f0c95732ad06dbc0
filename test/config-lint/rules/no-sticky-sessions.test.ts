import rule from "../../../config-lint/rules/no-sticky-sessions.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const sticky = (what: string, line: number, column: number, endColumn: number) => ({
  messageId: "stickySession",
  data: { what },
  line,
  column,
  endLine: line,
  endColumn,
});

yamlRuleTester().run("no-sticky-sessions", rule, {
  valid: [
    "apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  sessionAffinity: None\n  selector: {app: api}\n",
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: 'true'\n    nginx.ingress.kubernetes.io/affinity-mode: balanced\n",
    // Consistent hashing by header (cache locality) is not cookie or client-IP affinity.
    "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nspec:\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        httpHeaderName: x-tenant\n",
    { filename: "compose.yaml", code: "services:\n  api:\n    image: api\n    labels:\n      traefik.http.services.api.loadbalancer.server.port: '8080'\n" },
    // Not a Kubernetes object.
    "spec:\n  sessionAffinity: ClientIP\n",
  ],
  invalid: [
    {
      code: "apiVersion: v1\nkind: Service\nmetadata:\n  name: orders\nspec:\n  sessionAffinity: ClientIP\n  selector: {app: orders}\n",
      errors: [sticky("`sessionAffinity: ClientIP`", 6, 20, 28)],
    },
    {
      code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/affinity: "cookie"
    nginx.ingress.kubernetes.io/session-cookie-name: route
    haproxy.org/cookie-persistence: "SERVERID"
    alb.ingress.kubernetes.io/target-group-attributes: stickiness.enabled=true,stickiness.lb_cookie.duration_seconds=60
---
apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/service.sticky.cookie: "true"`,
      errors: [
        sticky("The `nginx.ingress.kubernetes.io/affinity` annotation", 6, 43, 51),
        sticky("The `haproxy.org/cookie-persistence` annotation", 8, 37, 47),
        sticky("The `alb.ingress.kubernetes.io/target-group-attributes` annotation", 9, 56, 120),
        sticky("The `traefik.ingress.kubernetes.io/service.sticky.cookie` annotation", 16, 58, 64),
      ],
    },
    {
      code: `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
spec:
  routes:
    - match: Host(\`shop.example.com\`)
      services:
        - name: web
          port: 80
          sticky:
            cookie: {name: route}`,
      errors: [sticky("Traefik's `sticky` option", 9, 11, 17)],
    },
    {
      code: "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nspec:\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        httpCookie: {name: user, ttl: 0s}\n",
      errors: [sticky("Istio's `consistentHash.httpCookie`", 7, 9, 19)],
    },
    {
      code: "apiVersion: cloud.google.com/v1\nkind: BackendConfig\nspec:\n  sessionAffinity:\n    affinityType: GENERATED_COOKIE\n",
      errors: [sticky("`affinityType: GENERATED_COOKIE`", 5, 19, 35)],
    },
    {
      filename: "deploy/docker-compose.yml",
      code: `services:
  web:
    image: web
    labels:
      - "traefik.http.services.web.loadbalancer.sticky.cookie=true"
      - traefik.http.services.web.loadbalancer.sticky.cookie.name=route
`,
      errors: [
        sticky("The Traefik label `traefik.http.services.web.loadbalancer.sticky.cookie`", 5, 9, 68),
        sticky("The Traefik label `traefik.http.services.web.loadbalancer.sticky.cookie.name`", 6, 9, 72),
      ],
    },
  ],
});
