# syntax=docker/dockerfile:1
# D-PC Federation Hub: build with the Maven wrapper on a JDK, run on a JRE as a non-root user.
#   docker build -t dpc-hub .
#   docker run -p 8000:8000 dpc-hub                      # embedded PostgreSQL in the volume /var/lib/dpc-hub
#   docker run --env-file hub.env dpc-hub migrate        # any command of the jar: serve (default), migrate, version

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY hub-domain/ hub-domain/
COPY hub-application/ hub-application/
COPY hub-adapter-persistence/ hub-adapter-persistence/
COPY hub-adapter-http/ hub-adapter-http/
COPY hub-adapter-oauth/ hub-adapter-oauth/
COPY hub-bootstrap/ hub-bootstrap/
# The tests need a real PostgreSQL and sockets: CI runs them (./mvnw -B verify); the image build only packages.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
    && cp hub-bootstrap/target/dpc-hub.jar /dpc-hub.jar

FROM eclipse-temurin:25-jre AS run
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 dpc \
    && useradd --system --uid 10001 --gid dpc --home-dir /var/lib/dpc-hub --create-home --shell /usr/sbin/nologin dpc
COPY --from=build /dpc-hub.jar /opt/dpc-hub/dpc-hub.jar
WORKDIR /var/lib/dpc-hub
ENV HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/var/lib/dpc-hub/data \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Holds the embedded PostgreSQL and the generated secret when no DATABASE_URL/SECRET_KEY is given.
VOLUME ["/var/lib/dpc-hub"]
USER dpc:dpc
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/health/live" > /dev/null || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/dpc-hub/dpc-hub.jar \"$@\"", "dpc-hub"]
CMD ["serve"]
