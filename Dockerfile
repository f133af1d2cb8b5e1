# The operator image: built with the .NET SDK, run on the chiseled ASP.NET Core runtime (no
# shell, no package manager, non-root). The Helm chart runs it as UID 1654 with a read-only
# root filesystem.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so a code change does not invalidate the
# package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Crds/NeevCloud.Crds.csproj src/Crds/
COPY src/Operator/NeevCloud.Operator.csproj src/Operator/
RUN dotnet restore src/Operator/NeevCloud.Operator.csproj
COPY src/Crds/ src/Crds/
COPY src/Operator/ src/Operator/
RUN dotnet publish src/Operator/NeevCloud.Operator.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app ./
# The image's non-root `app` user.
USER 1654
EXPOSE 8080
ENTRYPOINT ["dotnet", "neev-operator.dll"]
