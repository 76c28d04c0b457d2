import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at `/docs` on the control plane, describing `/api/*` and `/v1/*`. */
export function setUpApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Qwen Proxy')
      .setDescription(
        'The control plane (`/api/*`, admin token as Bearer) is served on CONTROL_PORT (3002); the OpenAI-compatible API (`/v1/*`, any key on loopback) on PROXY_PORT (3000) for the Qwen web accounts, and on ROUTER_PORT (3001) for every enabled provider.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
}
