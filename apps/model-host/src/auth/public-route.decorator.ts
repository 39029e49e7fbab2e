import { RouteConfig } from '@nestjs/platform-fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the host token (only /health). */
    public?: boolean;
  }
}

/** Marks a route as reachable without `Authorization: Bearer <MODEL_HOST_TOKEN>`. */
export const Public = () => RouteConfig({ public: true });
