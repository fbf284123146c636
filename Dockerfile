# zkSettlement agent: a Swift build stage and a slim runtime. See README.md, "Docker".
#
#   docker build -t settlement-agent .
#   docker run -p 8080:8080 -v "$PWD/data/keys:/data/keys:ro" -v settlement-data:/data settlement-agent
#
# The keys (circuit.zkey, verification_key.json, ...) are never baked into the image: make them
# once with `make run` or `settlement-agent setup` and mount them at /data/keys.

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---- build: the Makefile's `deps` (the same Debian packages) and its release build of the agent,
# with the Swift runtime linked statically so the runtime image needs no toolchain.
FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Makefile ./
RUN make deps && rm -rf /var/lib/apt/lists/*
# Dependencies first, so a source change reuses the resolved packages.
COPY Package.* ./
RUN swift package resolve
COPY . .
RUN swift build -c release --product settlement-agent --static-swift-stdlib \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/settlement-agent" /out/settlement-agent \
    && ldd /out/settlement-agent

# ---- runtime: the shared libraries the binary links (GMP, libsodium, SQLite, the C++ runtime)
# and curl for the health check.
FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgmp10 libsodium23 libsqlite3-0 libstdc++6 zlib1g \
       ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 settlement \
    && useradd --system --uid 10001 --gid settlement --home-dir /data --shell /usr/sbin/nologin settlement \
    && mkdir -p /data/keys \
    && chown -R settlement:settlement /data
COPY --from=build /out/settlement-agent /usr/local/bin/settlement-agent

USER settlement:settlement
WORKDIR /data
# /data holds agent.sqlite and the admin token; /data/keys the keys from `setup` (mount read-only).
VOLUME ["/data"]
EXPOSE 8080
# Deployment settings (see `settlement-agent serve --help`): SETTLEMENT_CHAIN_ID,
# SETTLEMENT_CONTRACT, SETTLEMENT_PROVIDER, SETTLEMENT_ADMIN_TOKEN.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz > /dev/null || exit 1
ENTRYPOINT ["settlement-agent"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--data", "/data", "--keys", "/data/keys"]
