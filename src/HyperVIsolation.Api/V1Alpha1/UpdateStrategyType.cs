namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>How pods are replaced when the template changes.</summary>
public enum UpdateStrategyType
{
    /// <summary>Replace pods a few at a time within maxUnavailable and maxSurge.</summary>
    RollingUpdate,

    /// <summary>Delete all old pods before creating new ones.</summary>
    Recreate,
}
