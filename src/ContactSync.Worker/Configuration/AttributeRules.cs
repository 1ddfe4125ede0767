using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace ContactSync.Worker.Configuration;

/// <summary>
/// Evaluates the data-annotation attributes of an object that sits inside a list (which
/// <c>ValidateDataAnnotations</c> does not descend into) and words each failure against its configuration key.
/// </summary>
internal static class AttributeRules
{
    public static IEnumerable<string> Check(object instance, string keyPrefix)
    {
        var context = new ValidationContext(instance);
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(instance);
            context.MemberName = property.Name;
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.GetValidationResult(value, context) is { } result && result != ValidationResult.Success)
                {
                    var problem = attribute is RequiredAttribute ? "is required" : result.ErrorMessage ?? "is not valid";
                    yield return ConfigurationKey.Describe(ConfigurationKey.Join(keyPrefix, property.Name), problem);

                    // One message per key: a missing value does not also fail its format.
                    break;
                }
            }
        }
    }
}
