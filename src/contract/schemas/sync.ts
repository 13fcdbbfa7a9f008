/** Input schemas of the sync handlers; shared with the renderer's Sync server form. */
import { z } from 'zod';
import { text } from '../../core/validation/text';

export const serverUrl = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^\s/]+(\/.*)?$/, 'SERVER_URL_FORMAT');

/** The SHA-256 fingerprint of an https server's certificate (hex, colons allowed). */
export const certificatePin = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f:]{64,95}$/, 'PIN_FORMAT')
  .optional();

export const attachInput = z.object({ serverUrl, setupCode: text('name'), pin: certificatePin });
