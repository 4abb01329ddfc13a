namespace HyperVIsolation.Soak.Tests.Running;

/// <summary>The soak runs alone: it starts a whole cluster and loads every core, so no other test of this assembly runs beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakRunsAlone
{
    public const string Name = "Soak";
}
