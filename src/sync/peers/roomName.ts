/**
 * The y-websocket room of a session: the room name and a short tag of the password, so a room
 * differs for a different password (the server sees this name, never the password).
 */
export async function websocketRoomName(room: string, password: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${room}\u0000${password}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `${room}.${Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
