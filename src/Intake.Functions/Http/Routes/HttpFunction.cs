using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Http.Routes;

/// <summary>
/// One HTTP function of the app as its <c>[Function]</c> and <c>[HttpTrigger]</c> attributes declare
/// it: the same attributes the Worker SDK writes functions.metadata from, so a new function is here
/// as soon as it is written.
/// </summary>
/// <param name="Name">The function's name (<c>[Function]</c>).</param>
/// <param name="Methods">Its HTTP methods, lower case as declared.</param>
/// <param name="Route">Its route template, without a leading slash (<c>api/submissions/{id}</c>, <c>{page?}</c>).</param>
/// <param name="Level">What the host asks of a caller before the function runs.</param>
/// <param name="Method">The method that runs it.</param>
public sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string Route, AuthorizationLevel Level, MethodInfo Method)
{
    /// <summary>Every HTTP function of the app, in a fixed order (by route, then name).</summary>
    public static IReadOnlyList<HttpFunction> All { get; } = Find(typeof(HttpFunction).Assembly);

    /// <summary>The HTTP functions of <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<HttpFunction> Find(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. from type in assembly.GetTypes()
                   from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                   let function = method.GetCustomAttribute<FunctionAttribute>()
                   where function is not null
                   let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)
                   where trigger is not null
                   orderby trigger.Route, function.Name
                   select new HttpFunction(function.Name, trigger.Methods ?? [], trigger.Route ?? function.Name, trigger.AuthLevel, method)];
    }
}
