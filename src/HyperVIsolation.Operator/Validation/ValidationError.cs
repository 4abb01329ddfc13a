namespace HyperVIsolation.Operator.Validation;

/// <summary>One problem with an object: where it is and what to do about it.</summary>
/// <param name="Field">Path of the field at fault, for example <c>spec.replicas</c>.</param>
/// <param name="Message">One sentence a user can act on.</param>
public sealed record ValidationError(string Field, string Message);
