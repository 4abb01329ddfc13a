namespace HyperVIsolation.ControllerRuntime.Controllers;

/// <summary>Settings of a <see cref="Controller"/>.</summary>
public sealed record ControllerOptions
{
    /// <summary>The controller name, for logs.</summary>
    public string Name { get; init; } = "controller";

    /// <summary>How many keys are reconciled concurrently (never the same key twice).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Returns every problem with these options; empty when they are valid.</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add($"{nameof(Name)} must not be empty.");
        }

        if (Workers is < 1 or > 256)
        {
            errors.Add($"{nameof(Workers)} must be between 1 and 256.");
        }

        return errors;
    }
}
