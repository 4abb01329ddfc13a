# Operator and admission webhook image (Linux). The node agent is a Windows HostProcess image built
# separately, since HostProcess containers need a Windows base.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props global.json .editorconfig ./
COPY src/HyperVIsolation.Api/HyperVIsolation.Api.csproj src/HyperVIsolation.Api/
COPY src/HyperVIsolation.ControllerRuntime/HyperVIsolation.ControllerRuntime.csproj src/HyperVIsolation.ControllerRuntime/
COPY src/HyperVIsolation.Operator/HyperVIsolation.Operator.csproj src/HyperVIsolation.Operator/
RUN dotnet restore src/HyperVIsolation.Operator/HyperVIsolation.Operator.csproj
COPY src/HyperVIsolation.Api/ src/HyperVIsolation.Api/
COPY src/HyperVIsolation.ControllerRuntime/ src/HyperVIsolation.ControllerRuntime/
COPY src/HyperVIsolation.Operator/ src/HyperVIsolation.Operator/
RUN dotnet publish src/HyperVIsolation.Operator/HyperVIsolation.Operator.csproj \
      -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
# Chiseled images run as the non-root "app" user (UID 1654) by default.
USER 1654
EXPOSE 8080 9443
ENTRYPOINT ["dotnet", "HyperVIsolation.Operator.dll"]
CMD ["run"]
