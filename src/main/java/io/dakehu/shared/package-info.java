/**
 * Small building blocks every module uses: errors that map to HTTP statuses, paging, the
 * audit trail, the web layout and i18n. Open, so other modules may use its sub-packages;
 * it depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.dakehu.shared;
