/** Chrome extension ids are 32 letters a–p. */
const extensionIdPattern = /^[a-p]{32}$/;
const extensionOriginPattern = /^chrome-extension:\/\/([a-p]{32})$/;

export function isExtensionId(value: string | undefined | null): value is string {
  return typeof value === 'string' && extensionIdPattern.test(value);
}

/** The extension id of a `chrome-extension://<id>` origin, or undefined for any other origin. */
export function extensionIdOfOrigin(origin: string | undefined): string | undefined {
  return origin?.match(extensionOriginPattern)?.[1];
}

export function originOfExtension(extensionId: string): string {
  return `chrome-extension://${extensionId}`;
}
