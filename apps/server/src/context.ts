/** Who a request is for. Every store call is scoped by `userId`. */
export interface AppContext {
  userId: string;
}

/**
 * The request context of a `/chatkit` call. Everyone is the single local user for now; this is
 * the one place that will verify the Bearer token or session cookie once auth lands.
 */
export async function resolveContext(_request: Request): Promise<AppContext> {
  return { userId: 'local' };
}
