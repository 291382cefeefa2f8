package hozon.policy.service;

import hozon.policy.domain.LogCategory;
import hozon.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

@ApplicationScoped
public class CategoryService {

    @Transactional
    public List<LogCategory> list() {
        return LogCategory.listOrdered();
    }

    @Transactional
    public LogCategory get(String code) {
        LogCategory c = LogCategory.findById(code);
        if (c == null) {
            throw ProblemException.notFound("Category", "No log category '" + code + "' is registered");
        }
        return c;
    }
}
