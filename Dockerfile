# syntax=docker/dockerfile:1

# Build: restore first from the project files alone, so the package layer is reused until a csproj
# or the central package versions change.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ContactSync.Core/ContactSync.Core.csproj src/ContactSync.Core/
COPY src/ContactSync.Worker/ContactSync.Worker.csproj src/ContactSync.Worker/
RUN dotnet restore src/ContactSync.Worker/ContactSync.Worker.csproj
COPY src/ContactSync.Core/ src/ContactSync.Core/
COPY src/ContactSync.Worker/ src/ContactSync.Worker/
RUN dotnet publish src/ContactSync.Worker/ContactSync.Worker.csproj \
        --configuration Release --no-restore --output /app -p:UseAppHost=false

# Run: the chiseled ASP.NET runtime, non-root by default and without a shell or package manager. "extra" brings
# ICU, which the name normalisation needs (an invariant-globalization image would compare names less well).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS runtime
WORKDIR /app

# Listen on 8080 on all interfaces (override with ASPNETCORE_URLS or --urls). HTTP_PORTS, which the base image
# sets, is cleared so Kestrel does not warn that URLS overrides it. Logs are compact JSON, one event a line.
ENV ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_NOLOGO=1 \
    Logging__Format=json

COPY --from=build /app ./

# The image's non-root "app" user, by number so Kubernetes' runAsNonRoot can verify it.
USER $APP_UID
EXPOSE 8080

# Default command is `run`; the migration Job passes `migrate`. Exec form: there is no shell in the image.
ENTRYPOINT ["dotnet", "ContactSync.Worker.dll"]
