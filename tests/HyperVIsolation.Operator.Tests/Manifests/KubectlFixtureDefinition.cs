namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>Tests sharing one <see cref="KubectlFixture"/>, so the tools are installed at most once.</summary>
[CollectionDefinition(Name)]
public sealed class KubectlFixtureDefinition : ICollectionFixture<KubectlFixture>
{
    public const string Name = "kubectl";
}
