/**
 * A message that breaks the protocol: malformed, of an unknown type or version, too large, or with a field
 * out of range. The peer that sent it is disconnected; the message says which rule it broke.
 */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}
