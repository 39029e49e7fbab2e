import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { GATEWAY_VERSION } from '../config/version.js';

/** The admin API as OpenAPI: browsable at /api/docs, raw at /api/docs-json. */
export function setupApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('AI gateway admin API')
    .setDescription(
      'Control plane of the gateway. Log in at POST /auth/login, then send `Authorization: Bearer <access_token>`. ' +
        'Errors use OpenAI\'s body: {"error": {"message", "type", "param", "code"}}. ' +
        'The data plane (OpenAI-compatible /v1/*) authenticates with API keys instead.',
    )
    .setVersion(GATEWAY_VERSION)
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
