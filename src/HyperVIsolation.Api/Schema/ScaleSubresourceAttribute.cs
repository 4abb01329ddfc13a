namespace HyperVIsolation.Api.Schema;

/// <summary>Serves the <c>scale</c> subresource so <c>kubectl scale</c> and autoscalers work.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ScaleSubresourceAttribute(string specReplicasPath, string statusReplicasPath, string labelSelectorPath) : Attribute
{
    /// <summary>JSON path of the desired replica count.</summary>
    public string SpecReplicasPath { get; } = specReplicasPath;

    /// <summary>JSON path of the observed replica count.</summary>
    public string StatusReplicasPath { get; } = statusReplicasPath;

    /// <summary>JSON path of the serialized label selector.</summary>
    public string LabelSelectorPath { get; } = labelSelectorPath;
}
