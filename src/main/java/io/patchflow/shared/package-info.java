/**
 * Small pieces every module may use: the problem types the API answers with. Nothing here knows a business rule.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.patchflow.shared;
