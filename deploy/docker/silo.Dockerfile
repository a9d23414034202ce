# syntax=docker/dockerfile:1
# The silo image. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t orleans-scheduler/silo .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Project and package files first, so the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Abstractions/Scheduler.Abstractions.csproj src/Abstractions/
COPY src/Ring/Scheduler.Ring.csproj src/Ring/
COPY src/Grains/Scheduler.Grains.csproj src/Grains/
COPY src/Crm/Scheduler.Crm.csproj src/Crm/
COPY src/Silo/Scheduler.Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Scheduler.Silo.csproj

COPY src/ src/
RUN dotnet publish src/Silo/Scheduler.Silo.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The aspnet image listens on ASPNETCORE_HTTP_PORTS (8080) on every interface: /healthz, /readyz,
# /metrics and the dashboard. 11111 is silo-to-silo, 30000 the client gateway.
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080 11111 30000

# The image has no curl or wget; the silo's own binary checks /healthz on loopback and exits 0 or 1.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/scheduler-silo.dll", "--health"]

# APP_UID is the non-root "app" user the .NET images create.
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/scheduler-silo.dll"]
