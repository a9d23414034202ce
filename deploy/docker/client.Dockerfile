# syntax=docker/dockerfile:1
# The client console image, `scheduler`. Build from the repository root:
#   docker build -f deploy/docker/client.Dockerfile -t orleans-scheduler/client .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Project and package files first, so the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Abstractions/Scheduler.Abstractions.csproj src/Abstractions/
COPY src/Ring/Scheduler.Ring.csproj src/Ring/
COPY src/Grains/Scheduler.Grains.csproj src/Grains/
COPY src/Crm/Scheduler.Crm.csproj src/Crm/
COPY src/Client/Scheduler.Client.csproj src/Client/
RUN dotnet restore src/Client/Scheduler.Client.csproj

COPY src/ src/
RUN dotnet publish src/Client/Scheduler.Client.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# APP_UID is the non-root "app" user the .NET images create.
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/scheduler.dll"]
