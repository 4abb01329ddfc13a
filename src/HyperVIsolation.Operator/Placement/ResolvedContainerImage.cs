namespace HyperVIsolation.Operator.Placement;

/// <summary>The image one container runs after per-release variants and the base image are resolved.</summary>
/// <param name="ContainerName">The container's name.</param>
/// <param name="Image">The image reference.</param>
/// <param name="IsBaseImage">Whether the container gave no image and runs the selected base image.</param>
public sealed record ResolvedContainerImage(string ContainerName, string Image, bool IsBaseImage);
