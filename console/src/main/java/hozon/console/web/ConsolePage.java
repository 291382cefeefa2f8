package hozon.console.web;

import hozon.console.gateway.ServiceGateway;
import hozon.console.session.Caller;
import jakarta.inject.Inject;

/** What every page resource works with: the page helper, who is signed in, and the way to the services. */
abstract class ConsolePage {

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    ServiceGateway services;
}
