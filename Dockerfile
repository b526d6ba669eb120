# syntax=docker/dockerfile:1
# One image recipe for all five services; SERVICE picks the app.
#   docker build --build-arg SERVICE=ingestion -t sealpost-ingestion .

FROM node:20-bookworm-slim AS build
WORKDIR /app
# swagger-ui-dist pulls in @scarf/scarf, which reports installs home; a privacy-first suite opts out.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY infra ./infra
RUN npm run build

# Production dependencies only, installed apart so no dev tooling reaches the runtime image.
FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Secret folders exist before any volume is mounted on them, so a fresh named volume
# inherits the non-root owner and mode 0700 (the services create their files 0600 inside).
RUN mkdir -p /app/.sealpost /var/lib/sealpost/keys /var/lib/sealpost/audit \
 && chown -R node:node /app/.sealpost /var/lib/sealpost \
 && chmod 0700 /app/.sealpost /var/lib/sealpost/keys /var/lib/sealpost/audit
COPY package.json tsconfig.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY infra/register-aliases.js ./infra/register-aliases.js
USER node

# Last, so the layers above are shared by all five images.
ARG SERVICE
ENV SERVICE=${SERVICE}
RUN test -f "dist/apps/${SERVICE}/src/main.js" \
 || (echo "build with --build-arg SERVICE=ingestion|keys|delivery|retention|audit (got '${SERVICE}')" >&2 && exit 1)
# Shell form so $SERVICE expands; exec leaves node as PID 1, where SIGTERM reaches its shutdown hooks.
CMD exec node -r ./infra/register-aliases.js "dist/apps/${SERVICE}/src/main.js"
