namespace HyperVIsolation.Install.Tests.Tools;

/// <summary>Tests sharing one <see cref="ClientTools"/> (installed at most once per run) and one <see cref="ApiServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClientToolsDefinition : ICollectionFixture<ClientTools>, ICollectionFixture<ApiServer>
{
    public const string Name = "client tools";
}
