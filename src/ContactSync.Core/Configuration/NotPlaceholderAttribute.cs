using System.ComponentModel.DataAnnotations;

namespace ContactSync.Core.Configuration;

/// <summary>A value that must not be the example secret's <see cref="Placeholder"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotPlaceholderAttribute : ValidationAttribute
{
    public NotPlaceholderAttribute()
        : base(Placeholder.Problem)
    {
    }

    public override bool IsValid(object? value) => value is not string text || !Placeholder.IsIn(text);
}
