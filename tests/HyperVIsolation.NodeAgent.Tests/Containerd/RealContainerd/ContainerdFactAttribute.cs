namespace HyperVIsolation.NodeAgent.Tests.Containerd.RealContainerd;

/// <summary>A test that needs the real <c>containerd</c> binary: skipped with the reason when it is missing locally, run (and failing) in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContainerdFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> only outside CI and only when the binary is missing.</summary>
    public ContainerdFactAttribute()
    {
        if (ContainerdBinary.Path is null && !ContainerdBinary.IsCi)
        {
            Skip = "containerd is not installed here (apt-get install containerd; .ci/run installs it and CI=true makes this test fail without it).";
        }
    }
}
