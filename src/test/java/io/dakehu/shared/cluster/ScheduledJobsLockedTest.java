package io.dakehu.shared.cluster;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several nodes run the same scheduled jobs, so every {@code @Scheduled} method under
 * {@code io.dakehu} carries a {@code @SchedulerLock}: one node of several runs it
 * (decision 0027). The one exception is the heartbeat, which every node writes for
 * itself; it is named here, and checked to still be a scheduled method, so the exception
 * cannot outlive its reason.
 */
class ScheduledJobsLockedTest {

	/** Per node by design: a lock would let one node's heartbeat stand for all. */
	private static final Set<String> PER_NODE = Set.of("io.dakehu.shared.cluster.Nodes#beat");

	@Test
	void everyScheduledMethodButTheHeartbeatIsLocked() throws ClassNotFoundException {
		List<String> scheduled = new ArrayList<>();
		List<String> unlocked = new ArrayList<>();
		for (Class<?> type : classes()) {
			for (Method method : type.getDeclaredMethods()) {
				if (method.isAnnotationPresent(Scheduled.class)
						|| method.isAnnotationPresent(org.springframework.scheduling.annotation.Schedules.class)) {
					String name = type.getName() + "#" + method.getName();
					scheduled.add(name);
					if (!method.isAnnotationPresent(SchedulerLock.class) && !PER_NODE.contains(name)) {
						unlocked.add(name);
					}
				}
			}
		}
		assertThat(scheduled).as("the scan finds the scheduled jobs")
			.contains("io.dakehu.segmentation.NightlyRun#run", "io.dakehu.account.NightlyLifecycle#run")
			.containsAll(PER_NODE);
		assertThat(unlocked).as("scheduled methods without @SchedulerLock").isEmpty();
	}

	@Test
	void theHeartbeatIsTheExceptionBecauseItIsNotLocked() throws NoSuchMethodException {
		assertThat(Nodes.class.getMethod("beat").isAnnotationPresent(SchedulerLock.class)).isFalse();
	}

	private static List<Class<?>> classes() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return true;
			}
		};
		scanner.addIncludeFilter((reader, factory) -> true);
		List<Class<?>> classes = new ArrayList<>();
		for (BeanDefinition definition : scanner.findCandidateComponents("io.dakehu")) {
			classes
				.add(ClassUtils.forName(definition.getBeanClassName(), ScheduledJobsLockedTest.class.getClassLoader()));
		}
		return classes;
	}

}
