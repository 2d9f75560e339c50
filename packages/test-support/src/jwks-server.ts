import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONWebKeySet } from 'jose';

export interface JwksServer {
  /** `http://127.0.0.1:<port>/.well-known/jwks.json` */
  url: string;
  /** How many times the JWKS was requested. */
  readonly hits: number;
  /** Replace what the server answers (a key set, or a status with a body for broken providers). */
  serve(next: JSONWebKeySet | { status: number; body: string }): void;
  close(): Promise<void>;
}

/** A JWKS endpoint on 127.0.0.1, port chosen by the OS, for tests of the verifier against real HTTP. */
export async function startJwksServer(initial: JSONWebKeySet): Promise<JwksServer> {
  let answer: JSONWebKeySet | { status: number; body: string } = initial;
  let hits = 0;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    hits += 1;
    if ('status' in answer) {
      response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/jwk-set+json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get hits() {
      return hits;
    },
    serve(next) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
