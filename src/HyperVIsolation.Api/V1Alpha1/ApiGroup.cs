namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Names of the <c>isolation.hyperv.dev/v1alpha1</c> API group version.</summary>
public static class ApiGroup
{
    /// <summary>The API group.</summary>
    public const string Group = "isolation.hyperv.dev";

    /// <summary>The API version within the group.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The <c>apiVersion</c> field value.</summary>
    public const string ApiVersion = Group + "/" + Version;
}
