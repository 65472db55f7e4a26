package dev.parley.chat.room.entity;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Qualifies the CDI event that delivers a {@link RoomBroadcast} to this node's connections. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Broadcast {

    final class Literal extends AnnotationLiteral<Broadcast> implements Broadcast {
        public static final Literal INSTANCE = new Literal();
    }
}
