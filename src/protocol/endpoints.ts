/**
 * Where a page finds the relay on the server that served it (the same origin), and how it proves it may
 * use it. The token endpoint answers only same-origin requests that carry TOKEN_HEADER (a custom header, so
 * another site's page cannot even send it without a CORS preflight the server never grants); the
 * WebSocket offers two subprotocols, SUBPROTOCOL and TOKEN_PREFIX + token, since a browser cannot set
 * other headers on a WebSocket.
 */
export const RELAY_PATH = '/relay';
export const TOKEN_PATH = '/relay/token';
export const TOKEN_HEADER = 'x-sibyl-relay';
export const SUBPROTOCOL = 'sibyl-relay.1';
export const TOKEN_PREFIX = 'sibyl-token.';

/** The token endpoint's JSON answer. */
export interface TokenAnswer {
  readonly token: string;
  readonly protocol: number;
}
