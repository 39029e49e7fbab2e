import { createServer } from 'node:net';
import { Injectable } from '@nestjs/common';

/** Whether a TCP port can be listened on (model processes listen on loopback). */
@Injectable()
export class PortsRepository {
  isFree(port: number, host = '127.0.0.1'): Promise<boolean> {
    return new Promise((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
    });
  }
}
