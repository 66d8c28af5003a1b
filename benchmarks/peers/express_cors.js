// Express's `cors` middleware (npm cors 2.8.5, pinned by package-lock.json) on the cases of
// corset's peers table: its own overhead per request, measured in-process as the handler behind
// the middleware minus the handler alone, on request and response objects without a socket.
// Node reports no allocation count per call; the table says so.
//
// usage: node express_cors.js [--quick]   (prints one JSON object)
'use strict';
const cors = require('cors');

const quick = process.argv.includes('--quick');
const origins = [];
for (let i = 1; i <= 16; ++i) origins.push(`https://app${i}.tenant${i % 61}.example.com`);
// cors takes strings and regular expressions as given: nothing checks them. The subdomain case
// needs a hand-written, anchored expression.
const middleware = cors({
  origin: [...origins, /^https:\/\/([a-z0-9-]+\.)+example\.com$/],
  methods: ['GET', 'POST', 'HEAD', 'PUT', 'DELETE'],
  allowedHeaders: ['authorization', 'content-type', 'x-requested-with'],
  exposedHeaders: ['x-request-id'],
  credentials: true,
  maxAge: 600,
});

// What a Node server's response offers the middleware: headers, a status, end().
class Response {
  constructor() { this.headers = new Map(); this.statusCode = 200; this.ended = false; }
  setHeader(name, value) { this.headers.set(name.toLowerCase(), value); }
  getHeader(name) { return this.headers.get(name.toLowerCase()); }
  end() { this.ended = true; }
}
const handler = (req, res) => { res.statusCode = 200; res.end(); };

const cases = {
  actual_allowed: {method: 'GET', headers: {origin: 'https://app16.tenant16.example.com'}},
  actual_refused: {method: 'GET', headers: {origin: 'https://app9999.tenant1.example.org'}},
  preflight: {method: 'OPTIONS', headers: {
    origin: 'https://app16.tenant16.example.com', 'access-control-request-method': 'PUT',
    'access-control-request-headers': 'authorization,content-type,x-requested-with'}},
  no_origin: {method: 'GET', headers: {}},
  subdomain_match: {method: 'GET', headers: {origin: 'https://deep.sub.example.com'}},
};

// ns per call of `serve` over `iterations` calls, the best of five rounds (a JIT warms up).
function measure(serve, req, iterations) {
  let best = Infinity;
  for (let round = 0; round !== 5; ++round) {
    const start = process.hrtime.bigint();
    for (let i = 0; i !== iterations; ++i) serve(req, new Response());
    const ns = Number(process.hrtime.bigint() - start) / iterations;
    if (ns < best) best = ns;
  }
  return best;
}

const iterations = quick ? 1000 : 200000;
const out = {peer: 'Express cors', version: require('cors/package.json').version + ' (npm, package-lock.json)',
             runtime: `node ${process.version}`, cases: {}};
for (const [name, req] of Object.entries(cases)) {
  const on = measure((q, res) => middleware(q, res, () => handler(q, res)), req, iterations);
  const off = measure(handler, req, iterations);
  out.cases[name] = {ns: on - off, allocs: null, bytes: null};
}
console.log(JSON.stringify(out));
