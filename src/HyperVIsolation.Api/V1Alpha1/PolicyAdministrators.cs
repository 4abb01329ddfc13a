namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Who may change the trust labels of covered namespaces.</summary>
public sealed class PolicyAdministrators
{
    /// <summary>User names, as the API server authenticates them.</summary>
    public List<string>? Users { get; set; }

    /// <summary>Group names, for example system:masters.</summary>
    public List<string>? Groups { get; set; }
}
