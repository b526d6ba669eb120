export * from './base64url';
export * from './aes-gcm-envelope';
export * from './key-wrap';
export * from './hkdf';
export * from './hpke-seal';
export * from './pseudonym';
export * from './hmac-signature';
export * from './ed25519';
