using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace HyperVIsolation.Bench;

/// <summary>Numeric benchmark options: a default shown in help, and a clear error for zero or less.</summary>
internal static class PositiveOption
{
    /// <summary>An option whose value must be a number above zero.</summary>
    public static Option<T> Create<T>(string name, T defaultValue, string description, string helpName = "N")
        where T : struct, INumber<T>
    {
        return new Option<T>(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens is [var token] ? token.Value : string.Empty;
                if (T.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > T.Zero)
                {
                    return value;
                }

                result.AddError($"{name} must be {(typeof(T) == typeof(double) ? "a number" : "a whole number")} above zero (got '{text}').");
                return defaultValue;
            },
        };
    }

    /// <summary>The <c>--output</c> directory of a benchmark's results, <c>bench/results</c> of the repository by default.</summary>
    public static Option<string> Output(string repositoryRoot) => new("--output")
    {
        Description = "Where the JSON and table results go.",
        HelpName = "dir",
        DefaultValueFactory = _ => Path.Combine(repositoryRoot, "bench", "results"),
    };
}
